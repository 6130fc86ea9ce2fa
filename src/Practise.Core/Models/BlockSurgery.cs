using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>Removes whole blocks from a model, keeping every other weight of the teacher.</summary>
public static class BlockSurgery
{
    /// <summary>
    /// A new model without the given blocks (original names; the teacher may itself be pruned already), holding
    /// copies of the teacher's remaining weights and buffers, on the teacher's device and in its train/eval mode.
    /// </summary>
    public static PrunableModel Prune(PrunableModel teacher, IEnumerable<string> droppedBlocks)
    {
        var descriptor = ModelZoo.Without(teacher.Architecture, droppedBlocks);
        var student = CreateKeepingGenerator(descriptor);
        try
        {
            var teacherState = teacher.state_dict();
            var device = teacherState.Values.First().device;
            if (device.type != DeviceType.CPU) student.to(device);
            var source = student.state_dict().Keys.ToDictionary(key => key, key => teacherState[TeacherKey(teacher, student, key)], StringComparer.Ordinal);
            StateDicts.Load(student, source);
            student.train(teacher.training);
            return student;
        }
        catch
        {
            student.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The teacher's key for a student key: block paths ("layer3.2" in the student) are translated through the
    /// original block name to the teacher's path; everything outside the blocks keeps its name.
    /// </summary>
    internal static string TeacherKey(PrunableModel teacher, PrunableModel student, string key)
    {
        var parts = key.Split('.');
        if (parts.Length < 3) return key;
        var original = student.OriginalName($"{parts[0]}.{parts[1]}");
        return original is null ? key : $"{teacher.BlockPaths[original]}.{string.Join('.', parts.Skip(2))}";
    }

    /// <summary>
    /// Builds the student with torch's global generator put back afterwards: its random initial values are all
    /// overwritten, and drawing them must not shift the random stream that later steps (shuffles, augmentation) see,
    /// or a run that scores from the cache would differ from one that built every candidate.
    /// </summary>
    private static PrunableModel CreateKeepingGenerator(ArchitectureDescriptor descriptor)
    {
        using var state = random.get_rng_state();
        var student = ModelZoo.Create(descriptor);
        random.set_rng_state(state);
        return student;
    }
}

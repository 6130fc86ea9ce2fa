using static Practise.Torch.torch;

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
        PrunableModel student;
        using (nn.init.skip()) student = ModelZoo.Create(descriptor); // every value is overwritten below
        try
        {
            var teacherState = teacher.state_dict();
            var device = teacherState.Values.First().device;
            if (device != CPU) student.to(device);
            var source = student.state_dict().Keys.ToDictionary(key => key, key => teacherState[TeacherKey(teacher, student, key)], StringComparer.Ordinal);
            student.load_state_dict(source);
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
}

using Practise.Core.Models;
using Practise.Manifest;
using Practise.Torch;
using Practise.Torch.Serialization;

namespace Practise.Core.Pipeline;

/// <summary>Builds the manifest's architecture and loads its torchvision-named weights, failing with the file and the fix.</summary>
public static class TeacherLoader
{
    public static PrunableModel Load(ModelSettings model)
    {
        var teacher = ModelZoo.Create(model.Arch, model.NumClasses, model.Input.Channels);
        try
        {
            Safetensors.LoadInto(teacher, model.Weights);
            teacher.eval();
            return teacher;
        }
        catch (Exception e) when (e is SafetensorsException or StateDictMismatchException)
        {
            teacher.Dispose();
            throw new PractiseException(PipelineErrors.BadWeights,
                $"{model.Weights}: cannot load weights for {model.Arch} (num-classes {model.NumClasses}, {model.Input.Channels} input channels): {e.Message}. " +
                "Check model.arch, model.num-classes and model.input.channels against the checkpoint.", e);
        }
        catch
        {
            teacher.Dispose();
            throw;
        }
    }
}

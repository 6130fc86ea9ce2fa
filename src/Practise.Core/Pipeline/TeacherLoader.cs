using Practise.Core.Models;
using Practise.Core.Serialization;
using Practise.Manifest;
using TorchSharp;

namespace Practise.Core.Pipeline;

/// <summary>
/// Builds a named architecture and loads its torchvision-named weights strictly: the one path by which every command
/// (compress, score, latency, eval, inspect) reads an unpruned model, so a checkpoint that does not fit fails the same
/// way everywhere (<see cref="PipelineErrors.WeightsMismatch"/>, naming the file, every mismatched key and the fix).
/// An unreadable file surfaces as the reader's <see cref="SafetensorsException"/>.
/// </summary>
public static class TeacherLoader
{
    /// <summary>The manifest's model: model.arch with model.num-classes and model.input.channels, model.weights loaded.</summary>
    public static PrunableModel Load(ModelSettings model) => Load(model.Arch, model.Weights, model.NumClasses, model.Input.Channels);

    /// <param name="numClasses">Null for the architecture's default head.</param>
    public static PrunableModel Load(string arch, string weightsPath, long? numClasses, long inChannels)
    {
        var model = ModelZoo.Create(arch, numClasses, inChannels);
        try
        {
            StateDicts.LoadFile(model, weightsPath);
            model.eval();
            return model;
        }
        catch (StateDictMismatchException e)
        {
            var classes = model.Architecture.NumClasses;
            model.Dispose();
            throw new PractiseException(PipelineErrors.WeightsMismatch,
                $"{weightsPath} does not fit {arch} with {classes} classes and {inChannels} input channels: {e.Message}. " +
                "Check the architecture, num-classes and input channels (model.arch, model.num-classes, model.input.channels) against the checkpoint.", e);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}

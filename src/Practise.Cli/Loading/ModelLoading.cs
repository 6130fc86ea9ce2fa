using Practise.Contract;
using Practise.Core.Architectures;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Manifest;
using Practise.Manifest.Schema;
using TorchSharp;

namespace Practise.Cli.Loading;

/// <summary>Models the commands read: a named architecture with weights, the manifest's original model, or a pruned-model folder.</summary>
internal static class ModelLoading
{
    /// <summary>Fails with PRAC0004 and a "did you mean" for an architecture the zoo does not know.</summary>
    public static void RequireArchitecture(string arch)
    {
        if (ArchitectureRegistry.Names.Contains(arch))
        {
            return;
        }
        var closest = Suggestions.Closest(arch, ArchitectureRegistry.Names);
        var hint = closest is null ? "" : $"; did you mean '{closest}'?";
        throw new CliException(CliErrors.UnknownArchitecture, ExitCodes.InputError,
            $"unknown architecture '{arch}'{hint} (known: {string.Join(", ", ArchitectureRegistry.Names)})");
    }

    /// <summary>The teacher a manifest names: model.arch built with model.num-classes and input.channels, model.weights loaded strictly.</summary>
    public static PrunableModel LoadOriginal(ModelSettings settings) =>
        LoadWeights(settings.Arch, settings.Weights, settings.NumClasses, settings.Input.Channels);

    /// <summary>An unpruned architecture with weights in torchvision's state_dict names, loaded by the pipeline's own loader.</summary>
    public static PrunableModel LoadWeights(string arch, string weightsPath, long? numClasses, long inChannels)
    {
        RequireArchitecture(arch);
        if (!File.Exists(weightsPath))
        {
            throw CliException.FileNotFound(weightsPath, "weights file");
        }
        return TeacherLoader.Load(arch, weightsPath, numClasses, inChannels);
    }

    /// <summary>A compressed model as written by compress: model.json + model.safetensors in one folder.</summary>
    public static PrunableModel LoadPruned(string directory)
    {
        foreach (var file in new[] { ArtifactNames.Descriptor, ArtifactNames.Weights })
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw CliException.FileNotFound(path, "model file");
            }
        }
        try
        {
            return PrunedModelFiles.Load(directory);
        }
        catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            throw new CliException(CliErrors.UnreadableInput, ExitCodes.InputError,
                $"{Path.Combine(directory, ArtifactNames.Descriptor)}: {exception.Message}", exception);
        }
        catch (StateDictMismatchException mismatch)
        {
            throw new CliException(CliErrors.WeightsMismatch, ExitCodes.InputError,
                $"{Path.Combine(directory, ArtifactNames.Weights)} does not fit its {ArtifactNames.Descriptor}: {mismatch.Message}", mismatch);
        }
    }
}

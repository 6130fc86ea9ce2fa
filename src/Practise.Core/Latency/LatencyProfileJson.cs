using System.Text.Json;
using System.Text.Json.Nodes;

namespace Practise.Core.Latency;

/// <summary>
/// The profile's file format. Written by hand with Utf8JsonWriter so every object's keys come out in ordinal order
/// and numbers in invariant, round-trippable form; reading names the file and the field that is wrong.
/// </summary>
internal static class LatencyProfileJson
{
    private const string RewriteHint = "re-run `practise latency` to write it again";

    public static byte[] Write(LatencyProfile profile)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("arch", profile.Arch);
            json.WriteNumber("batch", profile.Batch);
            json.WriteStartObject("fingerprint");
            json.WriteString("cpu_model", profile.Fingerprint.CpuModel);
            json.WriteString("device", profile.Fingerprint.Device);
            json.WriteString("id", profile.Fingerprint.Id);
            json.WriteString("libtorch", profile.Fingerprint.TorchVersion);
            json.WriteNumber("logical_cores", profile.Fingerprint.LogicalCores);
            if (profile.Fingerprint.OnnxRuntimeVersion is { } onnxruntime) json.WriteString("onnxruntime", onnxruntime);
            json.WriteNumber("threads", profile.Fingerprint.TorchThreads);
            json.WriteEndObject();
            json.WriteString("format", LatencyProfile.FormatTag);
            json.WriteStartArray("input");
            foreach (var size in new[] { profile.Channels, profile.Height, profile.Width }) json.WriteNumberValue(size);
            json.WriteEndArray();
            json.WriteNumber("num_classes", profile.NumClasses);
            json.WriteNumber("threads", profile.Threads);
            json.WriteStartObject("variants");
            foreach (var (key, measurement) in profile.Variants) WriteMeasurement(json, key, measurement);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The profile as a JSON tree: a cache entry's value (kind latency), in the same deterministic order.</summary>
    public static JsonNode ToNode(LatencyProfile profile) => JsonNode.Parse(Write(profile))!;

    public static LatencyProfile Read(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new LatencyProfileException($"cannot read latency profile '{path}': {e.Message}", e);
        }
        using (document) return Read(path, document.RootElement);
    }

    /// <summary>A profile from its JSON; <paramref name="path"/> is where it was kept, for messages.</summary>
    public static LatencyProfile Read(string path, JsonElement root)
    {
        var reader = new Reader(path);
        var format = reader.String(root, "format");
        if (format != LatencyProfile.FormatTag)
            throw new LatencyProfileException($"latency profile '{path}' has format '{format}', expected '{LatencyProfile.FormatTag}'; {RewriteHint}");
        var fingerprintElement = reader.Property(root, "fingerprint");
        var fingerprint = new DeviceFingerprint(reader.String(fingerprintElement, "cpu_model"), reader.Int(fingerprintElement, "logical_cores"),
            reader.Int(fingerprintElement, "threads"), reader.String(fingerprintElement, "libtorch"), reader.String(fingerprintElement, "device"),
            fingerprintElement.TryGetProperty("onnxruntime", out var onnxruntime) ? reader.String(fingerprintElement, "onnxruntime") : null);
        var input = reader.Property(root, "input");
        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() != 3 || input.EnumerateArray().Any(size => !size.TryGetInt32(out _)))
            throw reader.Error("input", "must be [channels, height, width]");
        var shape = input.EnumerateArray().Select(size => size.GetInt32()).ToArray();
        var profile = new LatencyProfile(path, reader.String(root, "arch"), reader.Long(root, "num_classes"), fingerprint,
            reader.Int(root, "batch"), shape[0], shape[1], shape[2], reader.Int(root, "threads"));
        foreach (var variant in reader.Property(root, "variants").EnumerateObject())
        {
            var keys = variant.Name.Length == 0 ? [] : variant.Name.Split(',');
            profile.Set(keys, ReadMeasurement(reader, variant.Name, variant.Value));
        }
        return profile;
    }

    private static void WriteMeasurement(Utf8JsonWriter json, string key, PairedLatency measurement)
    {
        json.WriteStartObject(key);
        WriteArray(json, "baseline_ms", measurement.BaselineMs);
        WriteArray(json, "variant_ms", measurement.VariantMs);
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteNumberValue(value);
        json.WriteEndArray();
    }

    private static PairedLatency ReadMeasurement(Reader reader, string key, JsonElement element)
    {
        double[] Array(string name)
        {
            var values = reader.Property(element, name);
            if (values.ValueKind != JsonValueKind.Array || values.EnumerateArray().Any(value => value.ValueKind != JsonValueKind.Number || !(value.GetDouble() > 0)))
                throw reader.Error($"variants.{key}.{name}", "must be an array of positive numbers (milliseconds)");
            return values.EnumerateArray().Select(value => value.GetDouble()).ToArray();
        }
        var (baseline, variant) = (Array("baseline_ms"), Array("variant_ms"));
        if (baseline.Length == 0 || baseline.Length != variant.Length)
            throw reader.Error($"variants.{key}", "must pair baseline_ms and variant_ms round by round (same length, at least one)");
        return new PairedLatency(baseline, variant);
    }

    private sealed class Reader(string path)
    {
        public JsonElement Property(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : throw Error(name, "is missing");

        public string String(JsonElement parent, string name)
        {
            var value = Property(parent, name);
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(name, "must be a string");
        }

        public int Int(JsonElement parent, string name) =>
            Property(parent, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var result) ? result : throw Error(name, "must be an integer");

        public long Long(JsonElement parent, string name) =>
            Property(parent, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var result) ? result : throw Error(name, "must be an integer");

        public double Double(JsonElement parent, string name) =>
            Property(parent, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : throw Error(name, "must be a number");

        public LatencyProfileException Error(string name, string problem) =>
            new($"latency profile '{path}': '{name}' {problem}; {RewriteHint}");
    }
}

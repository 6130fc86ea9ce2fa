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
            reader.Int(fingerprintElement, "threads"), reader.String(fingerprintElement, "libtorch"), reader.String(fingerprintElement, "device"));
        var input = reader.Property(root, "input");
        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() != 3 || input.EnumerateArray().Any(size => !size.TryGetInt32(out _)))
            throw reader.Error("input", "must be [channels, height, width]");
        var shape = input.EnumerateArray().Select(size => size.GetInt32()).ToArray();
        var profile = new LatencyProfile(path, reader.String(root, "arch"), reader.Long(root, "num_classes"), fingerprint,
            reader.Int(root, "batch"), shape[0], shape[1], shape[2], reader.Int(root, "threads"));
        foreach (var variant in reader.Property(root, "variants").EnumerateObject())
        {
            var keys = variant.Name.Length == 0 ? [] : variant.Name.Split(',');
            profile.Set(keys, ReadMeasurement(reader, variant.Value));
        }
        return profile;
    }

    private static void WriteMeasurement(Utf8JsonWriter json, string key, LatencyMeasurement measurement)
    {
        json.WriteStartObject(key);
        json.WriteNumber("mad_ms", measurement.MadMs);
        json.WriteNumber("median_ms", measurement.MedianMs);
        json.WriteNumber("p25_ms", measurement.P25Ms);
        json.WriteNumber("p75_ms", measurement.P75Ms);
        json.WriteNumber("samples", measurement.Samples);
        json.WriteStartArray("samples_ms");
        foreach (var sample in measurement.SamplesMs) json.WriteNumberValue(sample);
        json.WriteEndArray();
        if (measurement.Session is null) json.WriteNull("session");
        else json.WriteString("session", measurement.Session);
        json.WriteEndObject();
    }

    private static LatencyMeasurement ReadMeasurement(Reader reader, JsonElement element)
    {
        var samples = reader.Property(element, "samples_ms");
        if (samples.ValueKind != JsonValueKind.Array || samples.EnumerateArray().Any(sample => sample.ValueKind != JsonValueKind.Number))
            throw reader.Error("samples_ms", "must be an array of numbers");
        var session = reader.Property(element, "session");
        return new LatencyMeasurement(reader.Double(element, "median_ms"), reader.Double(element, "p25_ms"), reader.Double(element, "p75_ms"),
            reader.Double(element, "mad_ms"), reader.Int(element, "samples"), samples.EnumerateArray().Select(sample => sample.GetDouble()).ToArray())
        { Session = session.ValueKind == JsonValueKind.String ? session.GetString() : null };
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

// MSBuild inline tasks (RoslynCodeTaskFactory, see LibTorchSharp.targets) over the symbol versions an ELF shared library
// needs. They are compiled against .NET Standard 2.0, hence no spans or BinaryPrimitives.
#nullable enable
namespace Practise.Build;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Copies an ELF library, marking the listed symbol versions it needs weak, so the dynamic loader accepts it where they
/// are missing. Refuses a version that a relocation uses: weak or not, binding that symbol would fail at run time.
/// </summary>
public sealed class WeakenElfVersionNeeds : Task
{
    [Required]
    public string SourceFile { get; set; } = "";

    [Required]
    public string DestinationFile { get; set; } = "";

    public string[] Versions { get; set; } = [];

    public override bool Execute()
    {
        try
        {
            List<VersionNeed> weakened;
            using (var elf = new ElfFile(SourceFile))
            {
                weakened = [.. elf.ReadVersionNeeds().Where(need => Versions.Contains(need.Version))];
                var bound = elf.ReadRelocatedSymbols(weakened.Select(need => need.Index));
                if (bound.Count > 0)
                {
                    var symbols = Messages.Abbreviate(bound.Select(symbol => $"{symbol.Name}@{symbol.Version}"));
                    var versions = string.Join(", ", bound.Select(symbol => symbol.Version).Distinct());
                    Log.LogError(null, "PRACBUILD002", null, SourceFile, 0, 0, 0, 0,
                        $"{Path.GetFileName(SourceFile)} binds {symbols}: marking {versions} weak would only move the failure from load time "
                        + "to the first call. Remove it from PractiseWeakNativeVersions (see build/README.md).");
                    return false;
                }
            }

            WriteCopy(weakened);
            if (weakened.Count == 0)
            {
                Log.LogMessage(MessageImportance.High, $"{SourceFile} needs none of the versions to weaken ({string.Join(", ", Versions)}): copied unchanged.");
            }
            else
            {
                Log.LogMessage($"{DestinationFile}: marked weak {string.Join(", ", weakened.Select(need => $"{need.Version} of {need.Library}"))}.");
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Log.LogError(null, "PRACBUILD003", null, SourceFile, 0, 0, 0, 0, exception.Message);
            return false;
        }
    }

    /// <summary>Patches vna_flags in a copy, moved into place only when complete: a half-written file would look up to date.</summary>
    private void WriteCopy(IEnumerable<VersionNeed> weakened)
    {
        var temporaryFile = DestinationFile + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(DestinationFile))!);
        File.Copy(SourceFile, temporaryFile, overwrite: true);
        using (var stream = new FileStream(temporaryFile, FileMode.Open, FileAccess.Write))
        {
            foreach (var need in weakened)
            {
                var flags = (ushort)(need.Flags | VersionNeed.WeakFlag);
                stream.Position = need.FlagsOffset;
                stream.Write([(byte)flags, (byte)(flags >> 8)], 0, 2); // Little-endian Elf64_Half.
            }
        }

        // A fresh time stamp, or the copy to bin/ could skip the file as unchanged (same size as the original's).
        File.SetLastWriteTimeUtc(temporaryFile, DateTime.UtcNow);
        File.Delete(DestinationFile);
        File.Move(temporaryFile, DestinationFile);
    }
}

/// <summary>
/// Fails the build when a library needs a symbol version that neither the libraries shipped with it nor this machine's
/// own libraries define: the error the dynamic loader would otherwise give only at run time.
/// </summary>
public sealed class CheckElfVersionNeeds : Task
{
    /// <summary>The libraries to check; they also provide versions to each other, being copied side by side.</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = [];

    /// <summary>Where the machine's libraries (libc.so.6, libstdc++.so.6, ...) are looked up, in order.</summary>
    [Required]
    public string[] SystemLibraryDirectories { get; set; } = [];

    /// <summary>The machine's libraries the check read: inputs of the next, incremental, check.</summary>
    [Output]
    public string[] SystemLibraries { get; private set; } = [];

    public override bool Execute()
    {
        var shipped = Libraries.GroupBy(library => Path.GetFileName(library.ItemSpec)).ToDictionary(group => group.Key, group => group.First().ItemSpec);
        var definitionsByLibrary = new Dictionary<string, (string? Path, HashSet<string> Versions)>();
        try
        {
            foreach (var library in Libraries.Where(library => ElfFile.IsElf(library.ItemSpec)))
            {
                using var elf = new ElfFile(library.ItemSpec);
                var missing = elf.ReadVersionNeeds().Where(need => !need.IsWeak && !Definitions(need.Library).Versions.Contains(need.Version)).ToList();
                if (missing.Count == 0)
                {
                    continue;
                }

                var symbols = elf.ReadSymbols(missing.Select(need => need.Index));
                var details = missing.GroupBy(need => need.Library).Select(needs =>
                {
                    if (Definitions(needs.Key).Path is not { } path)
                    {
                        return $"all of {needs.Key}, which is in none of {string.Join(", ", SystemLibraryDirectories)}";
                    }

                    var versions = needs.Select(need => need.Version + UsedBy(symbols.Where(symbol => symbol.VersionIndex == need.Index)));
                    return $"{string.Join(", ", versions)} from {needs.Key} ({path})";
                });
                var package = library.GetMetadata("NuGetPackageId") is { Length: > 0 } id ? $" ({id} {library.GetMetadata("NuGetPackageVersion")})" : "";
                Log.LogError(null, "PRACBUILD001", null, library.ItemSpec, 0, 0, 0, 0,
                    $"{Path.GetFileName(library.ItemSpec)}{package} needs symbol versions this machine lacks: {string.Join("; ", details)}. "
                    + "A TorchSharp upgrade needs a newer libstdc++/glibc than this machine has; see build/README.md. "
                    + "Building for another machine? Skip this check with -p:PractiseCheckNativeVersions=false.");
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Log.LogError(null, "PRACBUILD003", null, null, 0, 0, 0, 0, exception.Message);
        }

        SystemLibraries = [.. definitionsByLibrary.Values.Select(library => library.Path).OfType<string>().Except(shipped.Values)];
        return !Log.HasLoggedErrors;

        (string? Path, HashSet<string> Versions) Definitions(string fileName)
        {
            if (!definitionsByLibrary.TryGetValue(fileName, out var definitions))
            {
                var path = shipped.TryGetValue(fileName, out var shippedPath)
                    ? shippedPath
                    : SystemLibraryDirectories.Select(directory => Path.Combine(directory, fileName)).FirstOrDefault(File.Exists);
                using var elf = path is null ? null : new ElfFile(path);
                definitionsByLibrary[fileName] = definitions = (path, elf?.ReadVersionDefinitions() ?? []);
            }

            return definitions;
        }
    }

    private static string UsedBy(IEnumerable<VersionedSymbol> symbols) =>
        symbols.Any() ? $" (used by {Messages.Abbreviate(symbols.Select(symbol => symbol.Name))})" : "";
}

internal static class Messages
{
    /// <summary>The first few names, enough to tell a reader where to look.</summary>
    public static string Abbreviate(IEnumerable<string> names)
    {
        var firstNames = names.Take(6).ToList();
        return string.Join(", ", firstNames.Take(5)) + (firstNames.Count > 5 ? ", ..." : "");
    }
}

/// <summary>One Elf64_Vernaux entry: a symbol version the file needs from <see cref="Library"/>.</summary>
internal sealed class VersionNeed(string library, string version, ushort flags, ushort index, long flagsOffset)
{
    public const ushort WeakFlag = 0x2; // VER_FLG_WEAK

    public string Library { get; } = library;

    public string Version { get; } = version;

    public ushort Flags { get; } = flags;

    /// <summary>vna_other: the value .gnu.version holds for the symbols bound to this version.</summary>
    public ushort Index { get; } = index;

    /// <summary>Where vna_flags lies in the file.</summary>
    public long FlagsOffset { get; } = flagsOffset;

    public bool IsWeak => (Flags & WeakFlag) != 0;
}

internal sealed class VersionedSymbol(long index, string name, string version, ushort versionIndex)
{
    /// <summary>The symbol's place in .dynsym.</summary>
    public long Index { get; } = index;

    public string Name { get; } = name;

    public string Version { get; } = version;

    public ushort VersionIndex { get; } = versionIndex;
}

/// <summary>
/// Reads the symbol versioning of an ELF64 little-endian file (gABI; LSB "Symbol Versioning") by seeking to just the
/// sections involved, so even libtorch_cpu.so (440 MB) takes milliseconds.
/// </summary>
internal sealed class ElfFile : IDisposable
{
    private const uint StringTable = 3, RelocationsWithAddends = 4, Relocations = 9, DynamicSymbols = 11;
    private const uint VersionDefinitions = 0x6ffffffd, VersionNeeds = 0x6ffffffe, SymbolVersions = 0x6fffffff;
    private const int SymbolSize = 24;
    private static readonly byte[] Magic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    private readonly string path;
    private readonly BinaryReader reader; // Always little-endian, like the files it accepts.
    private readonly Section[] sections;

    public ElfFile(string path)
    {
        this.path = path;
        reader = new BinaryReader(File.OpenRead(path));
        try
        {
            sections = ReadSectionHeaders();
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public static bool IsElf(string path)
    {
        using var stream = File.OpenRead(path);
        var start = new byte[Magic.Length];
        return stream.Read(start, 0, start.Length) == start.Length && start.SequenceEqual(Magic);
    }

    /// <summary>The Elf64_Verneed entries of .gnu.version_r, each with its Elf64_Vernaux entries.</summary>
    public IReadOnlyList<VersionNeed> ReadVersionNeeds()
    {
        var needs = new List<VersionNeed>();
        var section = sections.FirstOrDefault(candidate => candidate.Type == VersionNeeds);
        if (section is null)
        {
            return needs;
        }

        var strings = LinkedStringTable(section);
        var entry = section.Offset;
        for (var i = 0; i < section.Info; i++)
        {
            Seek(section, entry, 16);
            // vn_version, vn_cnt, vn_file, vn_aux, vn_next
            var (structureVersion, count, library, firstAux, next) =
                (reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
            if (structureVersion != 1)
            {
                throw Malformed($"has an Elf64_Verneed of version {structureVersion}, not 1");
            }

            var libraryName = ReadString(strings, library);
            var aux = entry + firstAux;
            for (var j = 0; j < count; j++)
            {
                Seek(section, aux, 16);
                // vna_hash, vna_flags, vna_other, vna_name, vna_next
                var (_, flags, index, name, auxNext) =
                    (reader.ReadUInt32(), reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadUInt32(), reader.ReadUInt32());
                needs.Add(new VersionNeed(libraryName, ReadString(strings, name), flags, index, flagsOffset: aux + 4));
                aux += auxNext;
            }

            entry += next;
        }

        return needs;
    }

    /// <summary>The version names .gnu.version_d defines (an Elf64_Verdef's first Elf64_Verdaux; the rest name parents).</summary>
    public HashSet<string> ReadVersionDefinitions()
    {
        var definitions = new HashSet<string>(StringComparer.Ordinal);
        var section = sections.FirstOrDefault(candidate => candidate.Type == VersionDefinitions);
        if (section is null)
        {
            return definitions;
        }

        var strings = LinkedStringTable(section);
        var entry = section.Offset;
        for (var i = 0; i < section.Info; i++)
        {
            Seek(section, entry + 12, 8);
            var (firstAux, next) = (reader.ReadUInt32(), reader.ReadUInt32()); // vd_aux, vd_next
            Seek(section, entry + firstAux, 8);
            definitions.Add(ReadString(strings, reader.ReadUInt32()));
            entry += next;
        }

        return definitions;
    }

    /// <summary>The dynamic symbols .gnu.version ties to one of the version indexes (vna_other).</summary>
    public IReadOnlyList<VersionedSymbol> ReadSymbols(IEnumerable<ushort> versionIndexes)
    {
        var versionNames = ReadVersionNeeds().Where(need => versionIndexes.Contains(need.Index)).ToDictionary(need => need.Index, need => need.Version);
        var symbols = new List<VersionedSymbol>();
        var versions = sections.FirstOrDefault(candidate => candidate.Type == SymbolVersions);
        if (versions is null || versionNames.Count == 0)
        {
            return symbols;
        }

        var table = LinkedSection(versions, DynamicSymbols);
        var strings = LinkedStringTable(table);
        var matches = new List<(long Symbol, ushort VersionIndex)>();
        Seek(versions, versions.Offset, versions.Size);
        for (long symbol = 0; symbol < versions.Size / 2; symbol++)
        {
            var versionIndex = (ushort)(reader.ReadUInt16() & 0x7fff); // The top bit marks a hidden symbol.
            if (versionNames.ContainsKey(versionIndex))
            {
                matches.Add((symbol, versionIndex));
            }
        }

        foreach (var (symbol, versionIndex) in matches)
        {
            Seek(table, table.Offset + (symbol * SymbolSize), 4);
            symbols.Add(new VersionedSymbol(symbol, ReadString(strings, reader.ReadUInt32()), versionNames[versionIndex], versionIndex));
        }

        return symbols;
    }

    /// <summary>Those symbols of the version indexes that a dynamic relocation binds (r_info >> 32 of Elf64_Rel/Rela).</summary>
    public IReadOnlyList<VersionedSymbol> ReadRelocatedSymbols(IEnumerable<ushort> versionIndexes)
    {
        var relocated = new HashSet<long>();
        var dynamicRelocations = sections.Where(section => section.Type is Relocations or RelocationsWithAddends
            && section.EntrySize >= 16 && section.Link < sections.Length && sections[section.Link].Type == DynamicSymbols);
        foreach (var relocations in dynamicRelocations)
        {
            for (var entry = relocations.Offset; entry + relocations.EntrySize <= relocations.Offset + relocations.Size; entry += relocations.EntrySize)
            {
                Seek(relocations, entry + 8, 8);
                relocated.Add((long)(reader.ReadUInt64() >> 32));
            }
        }

        return [.. ReadSymbols(versionIndexes).Where(symbol => relocated.Contains(symbol.Index))];
    }

    public void Dispose() => reader.Dispose();

    private Section[] ReadSectionHeaders()
    {
        var identification = reader.ReadBytes(16);
        if (identification.Length < 16 || !identification.Take(Magic.Length).SequenceEqual(Magic))
        {
            throw Malformed("is not an ELF file");
        }

        if (identification[4] != 2 || identification[5] != 1) // EI_CLASS: ELFCLASS64, EI_DATA: ELFDATA2LSB
        {
            throw Malformed("is not a 64-bit little-endian ELF file");
        }

        reader.BaseStream.Position = 0x28; // e_shoff
        var headersOffset = reader.ReadInt64();
        reader.BaseStream.Position = 0x3a; // e_shentsize, e_shnum
        var (headerSize, count) = (reader.ReadUInt16(), reader.ReadUInt16());
        if (headersOffset <= 0 || headerSize != 64 || count == 0 || headersOffset + (count * 64L) > reader.BaseStream.Length)
        {
            throw Malformed("has no readable section headers");
        }

        var headers = new Section[count];
        for (var i = 0; i < count; i++)
        {
            reader.BaseStream.Position = headersOffset + (i * 64L) + 4;
            var type = reader.ReadUInt32();
            reader.BaseStream.Position += 16; // sh_flags, sh_addr
            var (offset, size, link, info) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt32(), reader.ReadUInt32());
            reader.BaseStream.Position += 8; // sh_addralign
            var entrySize = reader.ReadInt64();
            headers[i] = new Section(type, offset, size, link, info, entrySize);
        }

        return headers;
    }

    private Section LinkedSection(Section section, uint type) =>
        section.Link < sections.Length && sections[section.Link].Type == type
            ? sections[section.Link]
            : throw Malformed($"has a section of type 0x{section.Type:x} that does not link to one of type 0x{type:x}");

    private Section LinkedStringTable(Section section) => LinkedSection(section, StringTable);

    private void Seek(Section section, long position, long length)
    {
        if (position < section.Offset || position + length > section.Offset + section.Size || section.Offset + section.Size > reader.BaseStream.Length)
        {
            throw Malformed($"has an entry outside its section of type 0x{section.Type:x}");
        }

        reader.BaseStream.Position = position;
    }

    private string ReadString(Section strings, uint offset)
    {
        Seek(strings, strings.Offset + offset, 1);
        var bytes = new List<byte>();
        for (var position = strings.Offset + offset; position < strings.Offset + strings.Size; position++)
        {
            var next = reader.ReadByte();
            if (next == 0)
            {
                return Encoding.UTF8.GetString([.. bytes]);
            }

            bytes.Add(next);
        }

        throw Malformed("has an unterminated string");
    }

    private InvalidDataException Malformed(string problem) => new($"{path} {problem}.");

    private sealed class Section(uint type, long offset, long size, uint link, uint info, long entrySize)
    {
        public uint Type { get; } = type;

        public long Offset { get; } = offset;

        public long Size { get; } = size;

        public uint Link { get; } = link;

        public uint Info { get; } = info;

        public long EntrySize { get; } = entrySize;
    }
}

// Compiled by MSBuild's RoslynCodeTaskFactory at build time (see ModelDsl.targets); not part of the Runtime assembly.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ModelDsl.Build
{
    /// <summary>
    /// Sets VER_FLG_WEAK on one <c>Elf64_Vernaux</c> entry (by default <c>GLIBCXX_3.4.32</c>) in the
    /// <c>.gnu.version_r</c> section of the given ELF files. Every other byte is left as it is.
    /// Idempotent, and the file is replaced rather than written in place so a hard link into the
    /// NuGet cache is never modified.
    /// </summary>
    public sealed class WeakenGlibcxxRequirement : Task
    {
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        /// <summary>The ELF shared objects to patch.</summary>
        [Required]
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The version requirement to mark weak.</summary>
        [Required]
        public string VersionName { get; set; } = "GLIBCXX_3.4.32";

        public override bool Execute()
        {
            foreach (var item in Files)
            {
                string path = item.GetMetadata("FullPath");
                try
                {
                    PatchFile(path);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
                {
                    Log.LogError("ModelDsl: could not mark {0} weak in '{1}': {2}", VersionName, path, ex.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }

        private void PatchFile(string path)
        {
            byte[] image = File.ReadAllBytes(path);
            int flagsOffset = FindVernauxFlagsOffset(image, VersionName);
            if (flagsOffset < 0)
            {
                Log.LogMessage(MessageImportance.Low, "ModelDsl: '{0}' has no {1} requirement; left as is.", path, VersionName);
                return;
            }

            ushort flags = BitConverter.ToUInt16(image, flagsOffset);
            if ((flags & VerFlagWeak) != 0)
            {
                Log.LogMessage(MessageImportance.Low, "ModelDsl: {0} already weak in '{1}'.", VersionName, path);
                return;
            }

            flags |= VerFlagWeak;
            image[flagsOffset] = (byte)(flags & 0xff);
            image[flagsOffset + 1] = (byte)(flags >> 8);

            // Write beside the target and move over it: never modifies a file shared through a hard link,
            // and a failure part-way leaves the original intact.
            string temporary = path + ".modeldsl-tmp";
            File.WriteAllBytes(temporary, image);
            File.Replace(temporary, path, destinationBackupFileName: null);
            Log.LogMessage(MessageImportance.Normal, "ModelDsl: marked {0} weak in '{1}'.", VersionName, path);
        }

        /// <summary>Returns the file offset of <c>vna_flags</c> for <paramref name="versionName"/>, or -1.</summary>
        internal static int FindVernauxFlagsOffset(byte[] image, string versionName)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (image[4] != 2 || image[5] != 1)
                throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

            long sectionHeaderOffset = BitConverter.ToInt64(image, 0x28);
            int sectionHeaderSize = BitConverter.ToUInt16(image, 0x3A);
            int sectionCount = BitConverter.ToUInt16(image, 0x3C);

            for (int i = 0; i < sectionCount; i++)
            {
                int header = Checked(sectionHeaderOffset + (long)i * sectionHeaderSize, 64, image);
                if (BitConverter.ToUInt32(image, header + 4) != ShtGnuVerneed)
                    continue;

                int sectionOffset = Checked(BitConverter.ToInt64(image, header + 0x18), 0, image);
                int linkedStrings = (int)BitConverter.ToUInt32(image, header + 0x28);
                int needCount = (int)BitConverter.ToUInt32(image, header + 0x2C);
                int stringsHeader = Checked(sectionHeaderOffset + (long)linkedStrings * sectionHeaderSize, 64, image);
                int stringsOffset = Checked(BitConverter.ToInt64(image, stringsHeader + 0x18), 0, image);

                int need = sectionOffset;
                for (int n = 0; n < needCount; n++)
                {
                    Checked(need, 16, image);
                    int auxCount = BitConverter.ToUInt16(image, need + 2);
                    int aux = need + (int)BitConverter.ToUInt32(image, need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        Checked(aux, 16, image);
                        int name = stringsOffset + (int)BitConverter.ToUInt32(image, aux + 8);
                        if (ReadString(image, name) == versionName)
                            return aux + 4;
                        aux += (int)BitConverter.ToUInt32(image, aux + 12);
                    }
                    need += (int)BitConverter.ToUInt32(image, need + 12);
                }
            }
            return -1;
        }

        private static int Checked(long offset, int length, byte[] image)
        {
            if (offset < 0 || offset + length > image.Length)
                throw new InvalidDataException($"offset {offset} is outside the file");
            return (int)offset;
        }

        private static string ReadString(byte[] image, int offset)
        {
            int end = Checked(offset, 0, image);
            while (end < image.Length && image[end] != 0)
                end++;
            return Encoding.ASCII.GetString(image, offset, end - offset);
        }
    }
}

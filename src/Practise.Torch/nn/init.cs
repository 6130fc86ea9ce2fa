using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Weight initialisers with torch.nn.init's formulas (fan computed as PyTorch does for conv/linear weights).</summary>
        public static class init
        {
            [ThreadStatic] private static int skipping;

            /// <summary>
            /// Until disposed, modules constructed on this thread keep their parameters uninitialised (torch.empty) and
            /// draw nothing from the random generator, as torch.nn.utils.skip_init does: for modules whose state is
            /// overwritten right after (a pruned copy of a trained model), where random initialisation is pure cost.
            /// </summary>
            public static IDisposable skip()
            {
                skipping++;
                return new SkipScope();
            }

            private sealed class SkipScope : IDisposable
            {
                private bool disposed;

                public void Dispose()
                {
                    if (disposed) return;
                    disposed = true;
                    skipping--;
                }
            }

            public static Tensor uniform_(Tensor tensor, double a = 0, double b = 1)
            {
                if (skipping > 0) return tensor;
                NativeMethods.pt_init_uniform_(tensor.Handle, a, b);
                return Checked(tensor);
            }

            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1)
            {
                if (skipping > 0) return tensor;
                NativeMethods.pt_init_normal_(tensor.Handle, mean, std);
                return Checked(tensor);
            }

            public static Tensor constant_(Tensor tensor, double value)
            {
                if (skipping > 0) return tensor;
                NativeMethods.pt_init_constant_(tensor.Handle, value);
                return Checked(tensor);
            }

            public static Tensor zeros_(Tensor tensor) => constant_(tensor, 0);

            public static Tensor ones_(Tensor tensor) => constant_(tensor, 1);

            /// <summary>He initialisation; "fan_out" with relu is what torchvision's ResNet uses for convs.</summary>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu")
            {
                var std = Gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
                return normal_(tensor, 0, std);
            }

            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu")
            {
                var bound = Math.Sqrt(3.0) * Gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>Fan-in or fan-out of a weight: its first two dims times the receptive field.</summary>
            public static long Fan(Tensor tensor, string mode = "fan_in")
            {
                var shape = tensor.shape;
                if (shape.Length < 2) throw new ArgumentException("fan needs a tensor with at least 2 dimensions", nameof(tensor));
                var receptiveField = shape.Skip(2).Aggregate(1L, (product, size) => product * size);
                return mode switch
                {
                    "fan_in" => shape[1] * receptiveField,
                    "fan_out" => shape[0] * receptiveField,
                    _ => throw new ArgumentException($"mode must be fan_in or fan_out, not '{mode}'", nameof(mode)),
                };
            }

            private static double Gain(string nonlinearity, double a) => nonlinearity switch
            {
                "linear" or "conv2d" or "sigmoid" => 1,
                "relu" => Math.Sqrt(2),
                "leaky_relu" => Math.Sqrt(2 / (1 + a * a)),
                "tanh" => 5.0 / 3,
                _ => throw new ArgumentException($"unsupported nonlinearity '{nonlinearity}'", nameof(nonlinearity)),
            };

            private static Tensor Checked(Tensor tensor)
            {
                NativeResult.Check();
                return tensor;
            }
        }
    }
}

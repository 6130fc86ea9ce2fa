namespace Practise.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// How a loss reduces its per-element values. The first three ordinals equal libtorch's at::Reduction, so they
        /// cross the native boundary unchanged.
        /// </summary>
        public enum Reduction
        {
            None = 0,
            Mean = 1,
            Sum = 2,

            /// <summary>The sum divided by the batch size; only kl_div accepts it (its mathematically correct KL mean).</summary>
            BatchMean = 3,
        }
    }
}

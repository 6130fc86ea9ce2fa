using System.Runtime.ExceptionServices;
using static TorchSharp.torch;

namespace Practise.Core.Training;

/// <summary>
/// Runs the independent steps of several learners (shared-prefix scoring's candidates) side by side on dedicated
/// threads, each with one libtorch intra-op thread.
/// On a CPU with few cores, two small convolutions running at once keep the cores busier than one convolution split
/// across them; each candidate's arithmetic is single-threaded whichever worker takes it, so results do not depend on
/// the scheduling. Dedicated threads, because the one-thread setting sticks to the thread (OpenMP's is per thread).
/// </summary>
public sealed class CandidateWorkers : IDisposable
{
    private readonly Thread[] threads;
    private readonly Barrier barrier;
    private readonly int callerThreads = get_num_threads();
    private Action<int> step = _ => { };
    private int count;
    private int next;
    private bool stopping;
    private ExceptionDispatchInfo? failure;

    public CandidateWorkers(int workers)
    {
        barrier = new Barrier(workers + 1);
        threads = Enumerable.Range(0, workers).Select(index => new Thread(Work) { IsBackground = true, Name = $"practise-candidate-{index}" }).ToArray();
        foreach (var thread in threads) thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> for 0..count-1, taken in order by whichever worker is free; rethrows the first failure.</summary>
    public void Run(int items, Action<int> work)
    {
        (step, count, next, failure) = (work, items, -1, null);
        barrier.SignalAndWait(); // go
        barrier.SignalAndWait(); // all done
        failure?.Throw();
    }

    private void Work()
    {
        set_num_threads(1);
        while (true)
        {
            barrier.SignalAndWait();
            if (stopping) return;
            for (var item = Interlocked.Increment(ref next); item < count; item = Interlocked.Increment(ref next))
            {
                try
                {
                    step(item);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                }
            }
            barrier.SignalAndWait();
        }
    }

    public void Dispose()
    {
        stopping = true;
        barrier.SignalAndWait();
        foreach (var thread in threads) thread.Join();
        barrier.Dispose();
        set_num_threads(callerThreads); // the workers' setting also became libtorch's default for new threads
    }
}

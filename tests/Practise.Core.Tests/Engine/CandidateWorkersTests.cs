using Practise.Core.Training;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Engine;

public class CandidateWorkersTests
{
    [Fact]
    public void EveryItemRunsOnceOnAWorkerWithOneLibtorchThread()
    {
        var callerThreads = get_num_threads();
        var runs = new int[10];
        var threads = new int[10];
        using (var workers = new CandidateWorkers(2))
        {
            for (var round = 0; round < 3; round++)
                workers.Run(runs.Length, item =>
                {
                    Interlocked.Increment(ref runs[item]);
                    threads[item] = get_num_threads();
                });
        }
        Assert.All(runs, count => Assert.Equal(3, count));
        Assert.All(threads, count => Assert.Equal(1, count));
        Assert.Equal(callerThreads, get_num_threads());
    }

    [Fact]
    public void AFailureOnAWorkerIsRethrownAndTheWorkersCarryOn()
    {
        using var workers = new CandidateWorkers(2);
        var error = Assert.Throws<InvalidOperationException>(() => workers.Run(6, item =>
        {
            if (item == 4) throw new InvalidOperationException("candidate 4 failed");
        }));
        Assert.Equal("candidate 4 failed", error.Message);
        var done = 0;
        workers.Run(6, _ => Interlocked.Increment(ref done));
        Assert.Equal(6, done);
    }
}

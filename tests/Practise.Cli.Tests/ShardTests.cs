using Practise.Core.Pipeline;

namespace Practise.Cli.Tests;

public class ShardTests
{
    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    public async Task Bad_shards_are_usage_errors(string shard)
    {
        var run = await CliRun.Invoke("score", "--shard", shard);

        Assert.Equal(ExitCodes.UsageError, run.Exit);
        Assert.Contains($"--shard expects I/N with 1 ≤ I ≤ N (e.g. 2/4), not '{shard}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_split_positions_round_robin_and_cover_each_once()
    {
        Assert.True(Shard.TryParse("2/3", out var shard));
        Assert.Equal(new Shard(2, 3), shard);
        var shards = new[] { "1/3", "2/3", "3/3" }.Select(text => Shard.TryParse(text, out var parsed) ? parsed : throw new InvalidOperationException()).ToList();
        for (var position = 0; position < 10; position++)
        {
            Assert.Single(shards, each => each.Contains(position));
        }
        Assert.Equal([1, 4, 7], Enumerable.Range(0, 10).Where(shard.Contains));
    }
}

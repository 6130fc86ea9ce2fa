using Practise.Core.Adaptors;
using Practise.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Adaptors;

public class AdaptorSetTests
{
    /// <summary>A seeded pruned model in eval mode, its adaptor sites, and an input of the model's kind.</summary>
    internal static (PrunableModel model, IReadOnlyList<AdaptorSite> sites, Tensor input) Setup(string arch, string[] dropped, long seed = 7)
    {
        manual_seed(seed);
        var model = PlacementTests.Pruned(arch, dropped);
        model.eval();
        HeInitialise(model);
        var cifar = arch.EndsWith("_cifar", StringComparison.Ordinal);
        var input = cifar ? randn(1, 3, 16, 16) : randn(1, 3, 32, 32);
        return (model, AdaptorPlacement.For(model, dropped), input);
    }

    /// <summary>
    /// He-normal convs: PyTorch's default conv init shrinks the signal by ~√3 per conv, and with BatchNorm at its
    /// initial statistics a deep MobileNetV2's logits end up independent of its inner blocks (and of their adaptors).
    /// </summary>
    private static void HeInitialise(PrunableModel model)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var conv in model.named_modules().Select(pair => pair.module).OfType<Conv2d>())
        {
            var fanIn = conv.in_channels / conv.groups * conv.kernel_size[0] * conv.kernel_size[1];
            conv.weight.copy_(randn(conv.weight.shape).mul(Math.Sqrt(2.0 / fanIn)));
        }
    }

    /// <summary>Adaptors far from identity (I + 0.2·N(0, 1)/√C), so fused and hooked models must really agree.</summary>
    internal static void Randomise(AdaptorSet adaptors)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var site in adaptors.Sites)
        {
            var weight = adaptors.Weight(site);
            weight.add_(randn(weight.shape).mul(0.2 / Math.Sqrt(site.Channels)));
        }
    }

    private static double RelativeMaxDifference(Tensor expected, Tensor actual)
    {
        using var scope = NewDisposeScope();
        return expected.sub(actual).abs().max().ToSingle() / (double)expected.abs().max().ToSingle();
    }

    [Theory]
    [InlineData("resnet34", new[] { "layer3.2" })]
    [InlineData("mobilenet_v2", new[] { "features.5" })]
    public void IdentityAdaptorsLeaveTheOutputUnchanged(string arch, string[] dropped)
    {
        var (model, sites, input) = Setup(arch, dropped);
        using var _ = model;
        using var __ = input;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var plain = model.call(input);

        using var adaptors = AdaptorSet.Attach(model, sites);
        Practise.Testing.TensorAssert.Close(plain, model.call(input), rtol: 0, atol: 1e-6, what: "identity adaptors");

        // The hooks are live: a changed adaptor changes the output.
        Randomise(adaptors);
        Assert.True(RelativeMaxDifference(plain, model.call(input)) > 1e-3);
    }

    [Theory]
    [InlineData("resnet34", new[] { "layer1.1", "layer2.2", "layer3.2", "layer3.4" })]
    [InlineData("resnet50", new[] { "layer1.2", "layer2.1", "layer3.3" })]
    [InlineData("resnet20_cifar", new[] { "layer1.0", "layer2.1", "layer3.2" })]
    [InlineData("mobilenet_v2", new[] { "features.5" })]
    [InlineData("mobilenet_v2", new[] { "features.3", "features.9", "features.13", "features.16" })]
    public void FusionReproducesTheHookedModel(string arch, string[] dropped)
    {
        var (model, sites, input) = Setup(arch, dropped);
        using var _ = model;
        using var __ = input;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var adaptors = AdaptorSet.Attach(model, sites);
        Randomise(adaptors);
        var hooked = model.call(input);
        adaptors.Detach();
        var plain = model.call(input);

        adaptors.FuseInto(model);
        var fused = model.call(input);

        Assert.False(adaptors.IsAttached);
        Assert.True(RelativeMaxDifference(hooked, plain) > 1e-3, $"the adaptors must matter for this test to mean anything {RelativeMaxDifference(hooked, plain)}");
        var difference = RelativeMaxDifference(hooked, fused);
        Assert.True(difference < 1e-5, $"fused output differs from the hooked one by {difference:E2} of its largest value");
    }

    [Theory]
    [InlineData("resnet20_cifar", new[] { "layer2.1" })]
    [InlineData("mobilenet_v2", new[] { "features.8" })]
    public void OnlyAdaptorsReceiveGradientsWhenTheModelIsFrozen(string arch, string[] dropped)
    {
        var (model, sites, input) = Setup(arch, dropped);
        using var _ = model;
        using var __ = input;
        foreach (var parameter in model.parameters()) parameter.requires_grad = false;
        using var adaptors = AdaptorSet.Attach(model, sites);
        using (NewDisposeScope()) model.features(input).pow(2).mean().backward();

        Assert.All(model.parameters(), parameter => Assert.Null(parameter.grad));
        Assert.Equal(sites.Count, adaptors.parameters().Count());
        Assert.All(adaptors.parameters(), parameter =>
        {
            using var grad = parameter.grad;
            Assert.NotNull(grad);
            using var norm = grad.abs().sum();
            Assert.True(norm.ToSingle() > 0);
        });
    }

    [Fact]
    public void ParametersAreNamedAfterTheirConvAndKindAndStartAsIdentity()
    {
        var (model, sites, input) = Setup("resnet34", ["layer1.1"]);
        using var _ = model;
        using var __ = input;
        using var adaptors = AdaptorSet.Attach(model, sites);
        var state = adaptors.state_dict();
        Assert.Equal(["layer1_0_conv2_after", "layer1_1_conv1_pre", "layer2_0_conv1_pre", "layer2_0_downsample_0_pre"], state.Keys);
        Assert.All(state.Values, weight => Assert.Equal(new long[] { 64, 64, 1, 1 }, weight.shape));
        var identity = state["layer2_0_conv1_pre"].data<float>().ToArray();
        Assert.Equal(64, identity.Count(value => value == 1));
        Assert.Equal(64 * 64 - 64, identity.Count(value => value == 0));
        Assert.Equal(1, identity[65]);
    }

    [Fact]
    public void DetachAndDisposeRemoveTheHooks()
    {
        var (model, sites, input) = Setup("resnet20_cifar", ["layer2.1"]);
        using var _ = model;
        using var __ = input;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var plain = model.call(input);
        var adaptors = AdaptorSet.Attach(model, sites);
        Randomise(adaptors);
        adaptors.Detach();
        adaptors.Detach();
        Practise.Testing.TensorAssert.Close(plain, model.call(input), rtol: 0, atol: 0, what: "detached");

        var again = AdaptorSet.Attach(model, sites);
        Randomise(again);
        again.Dispose();
        Practise.Testing.TensorAssert.Close(plain, model.call(input), rtol: 0, atol: 0, what: "disposed");
        adaptors.Dispose();
    }

    [Fact]
    public void FusionRefusesGroupedConvsAndChangesNothing()
    {
        var (model, _, input) = Setup("mobilenet_v2", ["features.5"]);
        using var __ = model;
        using var ___ = input;
        var depthwise = (Conv2d)model.named_modules().Single(pair => pair.name == "features.4.conv.1.0").module;
        using var before = depthwise.weight.clone();
        using var adaptors = AdaptorSet.Attach(model, [new AdaptorSite("features.4.conv.1.0", AdaptorKind.Pre, depthwise.in_channels)]);

        var error = Assert.Throws<NotSupportedException>(() => adaptors.FuseInto(model));
        Assert.Contains("features.4.conv.1.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups", error.Message, StringComparison.Ordinal);
        Assert.Equal(before.data<float>().ToArray(), depthwise.weight.data<float>().ToArray());
        Assert.True(adaptors.IsAttached);
    }

    [Fact]
    public void AttachRefusesUnknownMisSizedAndDuplicateSites()
    {
        var (model, sites, input) = Setup("resnet20_cifar", ["layer2.1"]);
        using var _ = model;
        using var __ = input;
        Assert.Throws<ArgumentException>(() => AdaptorSet.Attach(model, [new AdaptorSite("layer2.9.conv1", AdaptorKind.Pre, 32)]));
        Assert.Throws<ArgumentException>(() => AdaptorSet.Attach(model, [new AdaptorSite("layer2.0.bn1", AdaptorKind.After, 32)]));
        Assert.Throws<ArgumentException>(() => AdaptorSet.Attach(model, [new AdaptorSite("layer2.0.conv1", AdaptorKind.Pre, 32)]));
        Assert.Throws<ArgumentException>(() => AdaptorSet.Attach(model, [sites[0], sites[0] with { }]));
    }
}

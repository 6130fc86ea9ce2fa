// Linked into the test projects that run TorchSharp in the test process (Practise.Core.Tests, Practise.Cli.Tests).
//
// Their tests run one after another, as the CLI runs one pipeline per process. Side by side, one test's collection
// (NativeGarbage, every training step) finalizes a Scalar that TorchSharp created for a native call still running on
// another test's thread: TorchSharp does not keep it alive across the call, so libtorch reads freed memory. CI saw it
// as "Expected false to be true ... toFloat" from add_ in a residual block (2026-12-03). docs/engine.md has the rule.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

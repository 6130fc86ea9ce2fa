// torch.LiveTensorCount is process-wide, so leak checks (TensorCoreTests, OpsBehaviourTests) only hold when no other
// test creates tensors at the same time. The whole suite runs in a few seconds serially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Practise.Torch;

public static partial class torch
{
    /// <summary>torch.optim: optimizer factories with PyTorch's argument names and defaults.</summary>
    public static partial class optim
    {
        public static Optim.SGD SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
            bool nesterov = false, bool maximize = false) =>
            new([new Optim.ParamGroup(parameters)], lr, momentum, dampening, weight_decay, nesterov, maximize);

        public static Optim.SGD SGD(IEnumerable<Optim.ParamGroup> paramGroups, double lr, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(paramGroups, lr, momentum, dampening, weight_decay, nesterov, maximize);

        public static Optim.Adam Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
            double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new([new Optim.ParamGroup(parameters)], lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

        public static Optim.Adam Adam(IEnumerable<Optim.ParamGroup> paramGroups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new(paramGroups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);
    }
}

namespace Practise.Torch;

// PyTorch's functional spellings (torch.matmul(a, b), torch.sqrt(x), ...) as thin calls to the Tensor methods;
// where, cat and stack are only static (Tensor.Views.cs, Tensor.Comparisons.cs).
public static partial class torch
{
    public static Tensor add(Tensor input, Tensor other, double alpha = 1) => input.add(other, alpha);

    public static Tensor add(Tensor input, double other) => input.add(other);

    public static Tensor sub(Tensor input, Tensor other, double alpha = 1) => input.sub(other, alpha);

    public static Tensor sub(Tensor input, double other) => input.sub(other);

    public static Tensor mul(Tensor input, Tensor other) => input.mul(other);

    public static Tensor mul(Tensor input, double other) => input.mul(other);

    public static Tensor div(Tensor input, Tensor other) => input.div(other);

    public static Tensor div(Tensor input, double other) => input.div(other);

    public static Tensor neg(Tensor input) => input.neg();

    public static Tensor matmul(Tensor input, Tensor other) => input.matmul(other);

    public static Tensor pow(Tensor input, double exponent) => input.pow(exponent);

    public static Tensor pow(Tensor input, Tensor exponent) => input.pow(exponent);

    public static Tensor sqrt(Tensor input) => input.sqrt();

    public static Tensor exp(Tensor input) => input.exp();

    public static Tensor log(Tensor input) => input.log();

    public static Tensor abs(Tensor input) => input.abs();

    public static Tensor sign(Tensor input) => input.sign();

    public static Tensor clamp(Tensor input, double? min = null, double? max = null) => input.clamp(min, max);

    public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);

    public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);

    public static Tensor sum(Tensor input, ScalarType? dtype = null) => input.sum(dtype);

    public static Tensor sum(Tensor input, long[] dim, bool keepdim = false, ScalarType? dtype = null) => input.sum(dim, keepdim, dtype);

    public static Tensor mean(Tensor input) => input.mean();

    public static Tensor mean(Tensor input, long[] dim, bool keepdim = false) => input.mean(dim, keepdim);

    public static Tensor var(Tensor input, bool unbiased = true) => input.var(unbiased);

    public static Tensor var(Tensor input, long[] dim, bool unbiased = true, bool keepdim = false) => input.var(dim, unbiased, keepdim);

    public static Tensor std(Tensor input, bool unbiased = true) => input.std(unbiased);

    public static Tensor std(Tensor input, long[] dim, bool unbiased = true, bool keepdim = false) => input.std(dim, unbiased, keepdim);

    public static Tensor max(Tensor input) => input.max();

    public static (Tensor values, Tensor indexes) max(Tensor input, long dim, bool keepdim = false) => input.max(dim, keepdim);

    public static Tensor min(Tensor input) => input.min();

    public static (Tensor values, Tensor indexes) min(Tensor input, long dim, bool keepdim = false) => input.min(dim, keepdim);

    public static Tensor argmax(Tensor input, long? dim = null, bool keepdim = false) => input.argmax(dim, keepdim);

    public static Tensor argmin(Tensor input, long? dim = null, bool keepdim = false) => input.argmin(dim, keepdim);

    public static (Tensor values, Tensor indexes) topk(Tensor input, long k, long dim = -1, bool largest = true, bool sorted = true) =>
        input.topk(k, dim, largest, sorted);

    public static (Tensor values, Tensor indexes) sort(Tensor input, long dim = -1, bool descending = false) => input.sort(dim, descending);

    public static Tensor all(Tensor input) => input.all();

    public static Tensor any(Tensor input) => input.any();

    public static Tensor eq(Tensor input, Tensor other) => input.eq(other);

    public static Tensor ne(Tensor input, Tensor other) => input.ne(other);

    public static Tensor gt(Tensor input, Tensor other) => input.gt(other);

    public static Tensor ge(Tensor input, Tensor other) => input.ge(other);

    public static Tensor lt(Tensor input, Tensor other) => input.lt(other);

    public static Tensor le(Tensor input, Tensor other) => input.le(other);

    public static Tensor isfinite(Tensor input) => input.isfinite();

    public static Tensor isnan(Tensor input) => input.isnan();

    public static Tensor reshape(Tensor input, params long[] shape) => input.reshape(shape);

    public static Tensor permute(Tensor input, params long[] dims) => input.permute(dims);

    public static Tensor transpose(Tensor input, long dim0, long dim1) => input.transpose(dim0, dim1);

    public static Tensor narrow(Tensor input, long dim, long start, long length) => input.narrow(dim, start, length);

    public static Tensor select(Tensor input, long dim, long index) => input.select(dim, index);

    public static Tensor index_select(Tensor input, long dim, Tensor index) => input.index_select(dim, index);

    public static Tensor flatten(Tensor input, long start_dim = 0, long end_dim = -1) => input.flatten(start_dim, end_dim);

    public static Tensor unsqueeze(Tensor input, long dim) => input.unsqueeze(dim);

    public static Tensor squeeze(Tensor input, long? dim = null) => input.squeeze(dim);

    public static Tensor flip(Tensor input, params long[] dims) => input.flip(dims);
}

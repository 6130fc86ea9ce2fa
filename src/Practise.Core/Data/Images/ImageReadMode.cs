namespace Practise.Core.Data;

/// <summary>
/// The channels to decode to, with torchvision.io.ImageReadMode's names and values. Our own so that Core does not
/// reference TorchVision.NET, whose ResNet and MobileNetV2 classes would collide with the prunable models here.
/// </summary>
public enum ImageReadMode
{
    UNCHANGED = 0,
    GRAY = 1,
    GRAY_ALPHA = 2,
    RGB = 3,
    RGB_ALPHA = 4,
}

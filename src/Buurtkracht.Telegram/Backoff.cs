namespace Buurtkracht.Telegram;

internal static class Backoff
{
    /// <summary>1 s, 2 s, 4 s ... up to <paramref name="max"/>, for the n-th failure in a row (n from 1).</summary>
    public static TimeSpan Exponential(int failures, TimeSpan max) =>
        TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, Math.Pow(2, Math.Clamp(failures - 1, 0, 30))));
}

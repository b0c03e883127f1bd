using ItStopsHere.Web.Privacy;

namespace ItStopsHere.Web.Signing;

public static class SignerSetup
{
    /// <summary>Signers' emails and personal links, and the retention jobs for what signing stores.</summary>
    public static IServiceCollection AddSignerEmail(this IServiceCollection services)
    {
        services.AddSingleton<SignerEmails>();
        services.AddSingleton<ISigningFollowUp>(sp => sp.GetRequiredService<SignerEmails>());
        services.AddRetentionJob<IpHashRetentionJob>();
        services.AddRetentionJob<SignerEmailRetentionJob>();
        services.AddRetentionJob<UnconfirmedSignatureRetentionJob>();
        return services;
    }
}

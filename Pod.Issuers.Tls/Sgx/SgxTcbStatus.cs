namespace Pod.Issuers.Tls;

/// <summary>A TCB status from Intel's TCB info or QE identity; <see cref="Unknown"/> when no collateral was evaluated.</summary>
public enum SgxTcbStatus
{
    /// <summary>No collateral was evaluated.</summary>
    Unknown = 0,

    /// <summary>The platform is up to date.</summary>
    UpToDate,

    /// <summary>Up to date, but software hardening is needed for some advisories.</summary>
    SWHardeningNeeded,

    /// <summary>Up to date, but the platform configuration needs changes.</summary>
    ConfigurationNeeded,

    /// <summary>Configuration changes and software hardening are needed.</summary>
    ConfigurationAndSWHardeningNeeded,

    /// <summary>The TCB level is out of date.</summary>
    OutOfDate,

    /// <summary>Out of date, and the configuration needs changes.</summary>
    OutOfDateConfigurationNeeded,

    /// <summary>The TCB level is revoked.</summary>
    Revoked,
}

package io.pixmesh.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.Command;
import io.pixmesh.testing.RequiredTool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped gdnsd and ExaBGP configurations pass the tools' own checks, as shipped, and the
 * health check announces and withdraws the anycast addresses as the site's state says.
 */
class DnsConfigTest {

    private static final Path DNS = Path.of("webapp-config", "dns").toAbsolutePath();
    private static final Path EXABGP = DNS.resolve("exabgp");

    @Test
    void theGdnsdConfigurationPassesCheckconfWithoutWarnings() throws Exception {
        Path gdnsd = RequiredTool.require(Path.of("/usr/sbin/gdnsd"), "gdnsd");

        Command check = Command.run(DNS, List.of(gdnsd.toString(), "-c", DNS.resolve("gdnsd").toString(), "checkconf"));

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).doesNotContain("warning:").doesNotContain("error:").doesNotContain("fatal:")
                .contains("Zone example.net. with serial");
    }

    @Test
    void theExabgpConfigurationPassesItsTest() throws Exception {
        Path exabgp = RequiredTool.require(Path.of("/usr/sbin/exabgp"), "exabgp");

        Command check = Command.run(EXABGP, List.of(exabgp.toString(), "--test", EXABGP.resolve("exabgp.conf").toString()));

        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void theHealthCheckAnnouncesTheAnycastAddressesWhileTheSiteIsUp() throws Exception {
        RequiredTool.require(Path.of("/usr/sbin/exabgp"), "exabgp");

        Command up = healthcheck("true");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("announce route 192.0.2.53/32").contains("announce route 192.0.2.54/32");
    }

    @Test
    void theHealthCheckWithdrawsThemWhenTheSiteIsDown() throws Exception {
        RequiredTool.require(Path.of("/usr/sbin/exabgp"), "exabgp");

        Command down = healthcheck("false");

        assertThat(down.output()).contains("withdraw route 192.0.2.53/32").contains("withdraw route 192.0.2.54/32")
                .doesNotContain("announce route");
    }

    @Test
    void theSiteHealthScriptIsValidShell() throws Exception {
        Command syntax = Command.run(EXABGP, List.of("sh", "-n", EXABGP.resolve("pixmesh-site-health.sh").toString()));

        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
    }

    /** ExaBGP's health checker with the shipped settings, one round, the site check replaced by {@code check}. */
    private static Command healthcheck(String check) throws Exception {
        return Command.run(EXABGP, List.of("/usr/bin/python3", "-m", "exabgp.application.healthcheck",
                "--config", EXABGP.resolve("healthcheck.conf").toString(),
                "--command", check, "--interval", "0", "--rise", "1", "--fall", "1"));
    }
}

package io.flowfile.app.service;

import io.flowfile.app.api.KernelDtos.DockerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness reports Docker and the kernel image without requiring them: the server serves flows of
 * built-in nodes without Docker, so this check is always up and says what kernels lack.
 */
@Readiness
@ApplicationScoped
public class DockerHealth implements HealthCheck {

    @Inject
    KernelsService kernels;

    @Override
    public HealthCheckResponse call() {
        DockerStatus status = kernels.docker();
        var response = HealthCheckResponse.named("Docker (kernels; not required)").up()
                .withData("reachable", status.reachable())
                .withData("imagePresent", status.imagePresent());
        if (status.problem() != null) {
            response.withData("problem", status.problem()).withData("fix", status.fix());
        }
        return response.build();
    }
}

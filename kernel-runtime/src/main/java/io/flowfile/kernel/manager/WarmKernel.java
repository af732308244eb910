package io.flowfile.kernel.manager;

import io.flowfile.kernel.client.KernelClient;
import io.flowfile.kernel.docker.KernelContainer;

/** A started container whose kernel answered kernel_info, with its connected client. */
record WarmKernel(KernelContainer container, KernelClient client, String image) {}

package org.rexec.cell;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rexec.compile.CompileCache;
import org.rexec.policy.AllowList;
import org.rexec.policy.Limits;
import org.rexec.fs.Mount;
import org.rexec.policy.NetworkGrants;
import org.rexec.rewrite.RewriteCache;

/**
 * What one cell is made of, as the façade hands it to the machinery: the policy's grants and
 * limits, the supervisor's streams (a null sink: captured), and the caches it shares.
 */
public record CellSetup(
    AllowList allowList,
    boolean strict,
    int maxClassFileBytes,
    List<Mount> mounts,
    Map<String, byte[]> files,
    Optional<String> workingDirectory,
    long diskBytes,
    int diskFiles,
    NetworkGrants network,
    Limits limits,
    Map<String, String> environment,
    Map<String, String> properties,
    InputStream stdin,
    OutputStream stdout,
    OutputStream stderr,
    boolean assertions,
    RewriteCache rewriteCache,
    CompileCache compileCache) {}

/** IP literals as hosts and grants write them, parsed once for the policy and the runtime. */
package org.rexec.net;

/** The soak run behind {@link io.cacheman.reliability.Soak}: orchestration, sampling and the §C report. */
package io.cacheman.reliability.soak;

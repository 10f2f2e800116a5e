/** Time as the client reads it, injected wherever something waits or measures, so tests move it by hand. */
package io.cacheman.internal.time;

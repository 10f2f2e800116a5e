/** The picocli commands of the benchmark program: run, compare, memory, hitratio and jmh. */
package io.cacheman.bench.cli;

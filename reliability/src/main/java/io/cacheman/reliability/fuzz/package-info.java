/**
 * Protocol fuzzing over the network: seeded hostile inputs
 * ({@link io.cacheman.reliability.fuzz.FuzzInputs}), a driver that sends them to any node
 * ({@link io.cacheman.reliability.fuzz.FuzzDriver}), and
 * {@link io.cacheman.reliability.fuzz.ParserFuzz}, which runs them against an in-process
 * server-minimal and detects crashes ({@link io.cacheman.reliability.fuzz.CrashWatch}).
 */
package io.cacheman.reliability.fuzz;

/**
 * Protocol fuzzing. Over the network: seeded hostile inputs
 * ({@link io.cacheman.reliability.fuzz.FuzzInputs}), a driver that sends them to any node
 * ({@link io.cacheman.reliability.fuzz.FuzzDriver}), and
 * {@link io.cacheman.reliability.fuzz.ParserFuzz}, which runs them against an in-process
 * server-minimal and detects crashes ({@link io.cacheman.reliability.fuzz.CrashWatch}). Without
 * sockets, coverage-guided: {@link io.cacheman.reliability.fuzz.CommandPathFuzz}, a Jazzer target
 * that drives server-minimal's command path as its connections do and checks every reply and the
 * store's books after every command.
 */
package io.cacheman.reliability.fuzz;

package io.troupe.bench.storage;

import org.openjdk.jmh.annotations.Fork;

/**
 * The JVM of every storage benchmark: one fork, the parent pom's {@code troupe.jvm.flags} (Arrow and
 * Chronicle Map need them; {@code JvmFlagsTest} fails when the pom's list and this one differ) and a fixed
 * heap, so that GC sizing does not vary between runs. JMH takes class-level annotations from superclasses.
 */
@Fork(value = 1, jvmArgsAppend = {
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.disk.monitor.disable=true",
        "-Xms6g",
        "-Xmx6g"})
public abstract class StorageBenchmark {
}

package io.troupe.jdbc.arrow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads from a byte array (Arrow's buffers), without creating objects. */
final class LittleEndian {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    static short i16(byte[] b, int offset) {
        return (short) SHORT.get(b, offset);
    }

    static int i32(byte[] b, int offset) {
        return (int) INT.get(b, offset);
    }

    static long i64(byte[] b, int offset) {
        return (long) LONG.get(b, offset);
    }

    static float f32(byte[] b, int offset) {
        return (float) FLOAT.get(b, offset);
    }

    static double f64(byte[] b, int offset) {
        return (double) DOUBLE.get(b, offset);
    }
}

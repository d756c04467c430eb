package io.jcoro.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;

/** A generated class the JVM refuses never reaches the user: the body runs stackful, and one DEBUG line says why. */
@Tag("compiler")
class BrokenMachineTest {

    /** Makes the generated guarded(int) method return a reference from a boolean method: a VerifyError. */
    private static byte[] unverifiable(byte[] bytes) {
        ClassNode c = new ClassNode();
        new ClassReader(bytes).accept(c, 0);
        for (MethodNode m : c.methods) {
            if (m.name.equals("guarded")) {
                m.instructions.clear();
                m.instructions.add(new InsnNode(Opcodes.ACONST_NULL));
                m.instructions.add(new InsnNode(Opcodes.ARETURN));
                m.tryCatchBlocks.clear();
            }
        }
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        c.accept(w);
        return w.toByteArray();
    }

    @Test
    void aGeneratedClassThatFailsVerification_fallsBackToAStackfulBackend_withOneDebugLine() {
        Logger jul = Logger.getLogger("io.jcoro");
        Level before = jul.getLevel();
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.setLevel(Level.ALL);
        jul.addHandler(handler);
        Compiler.tamper = BrokenMachineTest::unverifiable;
        try {
            Generator<Integer, Void, Void> g = Generator.of(y -> {
                y.yield(1);
                y.yield(2);
            });
            assertEquals(Generator.backend(), g.mechanism());
            assertEquals(1, g.next());
            assertEquals(2, g.next());
        } finally {
            Compiler.tamper = null;
            jul.removeHandler(handler);
            jul.setLevel(before);
        }
        List<LogRecord> failures = records.stream().filter(r -> r.getMessage().contains("failed")).toList();
        assertEquals(1, failures.size(), () -> "records: " + records.stream().map(LogRecord::getMessage).toList());
        assertNotNull(failures.get(0).getThrown());
        assertTrue(failures.get(0).getThrown() instanceof VerifyError, failures.get(0).getThrown().toString());
        assertEquals(Level.FINE, failures.get(0).getLevel());
    }
}

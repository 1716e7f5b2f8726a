package dev.coflow.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void thePropertyChoosesTheEngineOfThisJvm() {
        // surefire runs this suite once per engine with -Dcoflow.engine=continuation|virtual
        String wanted = System.getProperty(Engines.PROPERTY, "");
        String expected = wanted.isEmpty() ? (Engines.continuationAvailable() ? "continuation" : "virtual") : wanted;
        assertEquals(expected, Engines.engine().name());
    }

    @Test
    void unsetPicksTheContinuationEngineWhenAvailable() {
        assertInstanceOf(ContinuationEngine.class, Engines.select("", true));
        assertInstanceOf(VirtualThreadEngine.class, Engines.select("", false));
        assertInstanceOf(VirtualThreadEngine.class, Engines.select("virtual", true));
        assertInstanceOf(ContinuationEngine.class, Engines.select("continuation", true));
    }

    @Test
    void anUnknownEngineNameIsRejectedWithTheChoices() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Engines.select("turbo", true));
        assertEquals("coflow.engine must be 'continuation' or 'virtual' (or unset to pick the fastest"
                + " available), not 'turbo'", e.getMessage());
    }

    @Test
    void theContinuationEngineWithoutTheExportNamesTheFlag() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Engines.select("continuation", false));
        assertTrue(e.getMessage().endsWith(Engines.HINT), e.getMessage());
    }

    @Test
    void theFlagExportsToCoflowsModuleOnTheModulePathElseToTheClassPath() {
        assertEquals("--add-exports java.base/jdk.internal.vm=dev.coflow.core", Engines.exportFlag(true));
        assertEquals("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED", Engines.exportFlag(false));
        assertTrue(Engines.HINT.endsWith(Engines.EXPORT_FLAG), Engines.HINT);
    }

    @Test
    void pinningMessagesNameTheCauseAndTheFix() {
        assertTrue(Pinning.message("MONITOR").contains("synchronized"));
        assertTrue(Pinning.message("NATIVE").contains("static initializer"));
        assertTrue(Pinning.message("CRITICAL_SECTION").contains("critical section"));
        assertTrue(Pinning.message("EXCEPTION").contains("out of stack or memory"));
        assertTrue(Pinning.message("SOMETHING_NEW").contains("SOMETHING_NEW"));
    }
}

package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.posplan.multimodal.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** Input the domain refuses is the client's (422, naming the field); any other library exception is ours (500). */
class ProblemAdviceTest {

    private final ProblemAdvice advice = new ProblemAdvice();

    @Test
    void invalidInputIsA422NamingTheField() {
        ProblemDetail p = advice.invalidInput(InvalidInputException.at("/sequences/0/parts/1/grid", "must be [t, h, w]"));
        assertEquals(422, p.getStatus());
        assertEquals("/sequences/0/parts/1/grid", p.getProperties().get("field"));
    }

    @Test
    void aLibraryBugIsA500ThatNamesNoInternals() {
        ProblemDetail p = advice.bug(new IllegalStateException("unhandled segment Foo@1234")).getBody();
        assertEquals(500, p.getStatus());
        assertFalse(p.getDetail().contains("Foo"), p.getDetail());
        assertEquals(500, advice.bug(new IllegalArgumentException("inv_freq needs 64 values")).getBody().getStatus());
    }
}

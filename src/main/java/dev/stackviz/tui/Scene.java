package dev.stackviz.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.stackviz.model.Keys;
import dev.stackviz.session.Controls;
import dev.stackviz.session.FibersSession;
import dev.stackviz.session.Session;
import dev.stackviz.session.TraceSession;
import dev.stackviz.view.FibersPainter;
import dev.stackviz.view.Painter;
import dev.stackviz.view.TracePainter;
import dev.stackviz.view.Theme;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the UI loop drives: a session (keys in, one frame out) and the painter of its frames. The
 * stack view and the green threads are two scenes on one loop.
 *
 * @param keys     whose keys: the key table's view
 * @param controls the session
 * @param paint    reads one frame and paints it: the painter sees only the frame
 */
public record Scene(Keys.View keys, Controls controls, Consumer<TextGraphics> paint) {

    public static Scene of(Session session, Theme theme) {
        Painter painter = new Painter(theme);
        return new Scene(Keys.View.STACK, session, g -> painter.paint(g, session.frame()));
    }

    public static Scene of(FibersSession session, Theme theme) {
        FibersPainter painter = new FibersPainter(theme);
        return new Scene(Keys.View.FIBERS, session, g -> painter.paint(g, session.frame()));
    }

    public static Scene of(TraceSession session, Theme theme) {
        TracePainter painter = new TracePainter(theme);
        return new Scene(Keys.View.TRACE, session, g -> painter.paint(g, session.frame()));
    }

    /**
     * This scene with {@code notice}, while it says something, on the hint's row in reverse video:
     * news from outside the session (a recording that stopped) that must be seen when it happens,
     * in any theme, also with NO_COLOR.
     */
    public Scene withNotice(Supplier<String> notice) {
        return new Scene(keys, controls, g -> {
            paint.accept(g);
            String text = notice.get();
            TerminalSize size = g.getSize();
            if (text != null && size.getRows() >= 2) {
                int width = size.getColumns();
                String line = text.length() > width ? text.substring(0, width) : text;
                g.clearModifiers();
                g.setForegroundColor(TextColor.ANSI.DEFAULT);
                g.setBackgroundColor(TextColor.ANSI.DEFAULT);
                g.enableModifiers(SGR.REVERSE);
                g.putString(0, size.getRows() - 2, line + " ".repeat(width - line.length()));
                g.clearModifiers();
            }
        });
    }

    void paint(TextGraphics g) {
        paint.accept(g);
    }
}

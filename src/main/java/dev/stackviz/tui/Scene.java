package dev.stackviz.tui;

import com.googlecode.lanterna.graphics.TextGraphics;
import dev.stackviz.model.Keys;
import dev.stackviz.session.Controls;
import dev.stackviz.session.FibersSession;
import dev.stackviz.session.Session;
import dev.stackviz.view.FibersPainter;
import dev.stackviz.view.Painter;
import dev.stackviz.view.Theme;
import java.util.function.Consumer;

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

    void paint(TextGraphics g) {
        paint.accept(g);
    }
}

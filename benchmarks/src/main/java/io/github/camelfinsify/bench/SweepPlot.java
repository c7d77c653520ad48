package io.github.camelfinsify.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * The sweep's growth with the book as a PNG (java.awt, headless): wall time, heap and sync state against the number
 * of logins, both axes logarithmic, one panel each.
 */
final class SweepPlot {

    /** One line of a panel: its name, colour, dashed or not, and a value per book size. */
    record Series(String name, Color color, boolean dashed, double[] values) {
    }

    /** One panel: title, unit of the y axis, its lines, and an optional horizontal limit (e.g. the heap target). */
    record Panel(String title, String unit, List<Series> series, double limit, String limitLabel) {
    }

    private static final int PANEL_WIDTH = 420;
    private static final int HEIGHT = 400;
    private static final int LEFT = 62;
    private static final int RIGHT = 16;
    private static final int TOP = 46;
    private static final int BOTTOM = 118;

    private SweepPlot() {
    }

    static void write(Path png, List<String> caption, double[] logins, List<Panel> panels) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), HEIGHT + 10 + 16 * caption.size(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create(i * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT);
            draw(panel, logins, panels.get(i));
            panel.dispose();
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < caption.size(); i++) {
            g.drawString(caption.get(i), 10, HEIGHT + 14 + 16 * i);
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private static void draw(Graphics2D g, double[] logins, Panel panel) {
        int w = PANEL_WIDTH - LEFT - RIGHT;
        int h = HEIGHT - TOP - BOTTOM;
        double yMin = Double.MAX_VALUE;
        double yMax = panel.limit() > 0 ? panel.limit() : 0;
        for (Series s : panel.series()) {
            for (double v : s.values()) {
                if (v > 0) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        double lo = Math.floor(Math.log10(yMin));
        double hi = Math.ceil(Math.log10(yMax * 1.05));
        if (hi <= lo) {
            hi = lo + 1;
        }
        double xLo = Math.log10(logins[0]);
        double xHi = Math.log10(logins[logins.length - 1]);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        // decades on y, book sizes on x
        for (int d = (int) lo; d <= (int) hi; d++) {
            int y = TOP + h - (int) Math.round((d - lo) / (hi - lo) * h);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT, y, LEFT + w, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(Math.pow(10, d)), 6, y + 4);
        }
        for (double x : logins) {
            int px = xOf(x, xLo, xHi, w);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(px, TOP, px, TOP + h);
            g.setColor(Color.DARK_GRAY);
            String text = label(x);
            g.drawString(text, px - g.getFontMetrics().stringWidth(text) / 2, TOP + h + 16);
        }
        g.drawString("logins in the book", LEFT + w / 2 - 48, TOP + h + 32);
        g.drawString(panel.unit(), 6, TOP - 8);
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, TOP, w, h);
        if (panel.limit() > 0) {
            int y = yOf(panel.limit(), lo, hi, h);
            g.setColor(new Color(200, 40, 40));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 6, 4 }, 0));
            g.drawLine(LEFT, y, LEFT + w, y);
            g.drawString(panel.limitLabel(), LEFT + 4, y - 4);
        }
        int legend = TOP + h + 50;
        for (Series s : panel.series()) {
            g.setColor(s.color());
            g.setStroke(s.dashed()
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] { 5, 4 }, 0)
                    : new BasicStroke(2.2f));
            int px = -1;
            int py = -1;
            for (int i = 0; i < logins.length; i++) {
                if (s.values()[i] <= 0) {
                    continue;
                }
                int x = xOf(logins[i], xLo, xHi, w);
                int y = yOf(s.values()[i], lo, hi, h);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 3, y - 3, 7, 7);
                px = x;
                py = y;
            }
            g.drawLine(LEFT, legend - 4, LEFT + 24, legend - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), LEFT + 30, legend);
            legend += 16;
        }
    }

    private static int xOf(double logins, double xLo, double xHi, int w) {
        return LEFT + 12 + (int) Math.round((Math.log10(logins) - xLo) / (xHi - xLo) * (w - 24));
    }

    private static int yOf(double v, double lo, double hi, int h) {
        return TOP + h - (int) Math.round((Math.log10(v) - lo) / (hi - lo) * h);
    }

    private static String label(double v) {
        if (v >= 1_000_000) {
            return String.format("%.0fM", v / 1_000_000);
        }
        if (v >= 1_000) {
            return String.format("%.0fk", v / 1_000);
        }
        return v >= 1 ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}

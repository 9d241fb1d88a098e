package dev.ngsign.cli.chaos;

import java.util.List;
import java.util.Locale;

/** Small line charts in one SVG, two per row: enough to see whether a soak's curves stay flat. */
final class SvgChart {
  private static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"
  };
  private static final int W = 460;
  private static final int H = 220;
  private static final int PAD_L = 56;
  private static final int PAD_B = 34;
  private static final int PAD_T = 28;

  /** A chart: title, one legend entry and one series of (x, y) points per line. */
  record Panel(String title, List<String> legend, List<double[][]> lines) {}

  private SvgChart() {}

  static String render(String title, List<Panel> panels) {
    int cols = 2;
    int rows = (panels.size() + 1) / 2;
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
            cols * W,
            rows * H + 30));
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append("<text x=\"10\" y=\"20\" font-size=\"14\">")
        .append(escape(title))
        .append("</text>\n");
    for (int p = 0; p < panels.size(); p++) {
      panel(sb, panels.get(p), (p % cols) * W, 30 + (p / cols) * H);
    }
    return sb.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder sb, Panel p, int ox, int oy) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = 0;
    for (double[][] line : p.lines()) {
      for (double[] pt : line) {
        if (!Double.isNaN(pt[1]) && pt[1] >= 0) {
          minX = Math.min(minX, pt[0]);
          maxX = Math.max(maxX, pt[0]);
          maxY = Math.max(maxY, pt[1]);
        }
      }
    }
    if (minX > maxX) {
      minX = 0;
      maxX = 1;
    }
    maxY = maxY <= 0 ? 1 : niceCeil(maxY * 1.1);
    double spanX = Math.max(1e-9, maxX - minX);
    int pw = W - PAD_L - 16;
    int ph = H - PAD_T - PAD_B;
    int x0 = ox + PAD_L;
    int y0 = oy + PAD_T;
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
            x0,
            y0 - 10,
            escape(p.title())));
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
            x0,
            y0,
            pw,
            ph));
    for (int t = 0; t <= 4; t++) {
      double v = maxY * t / 4;
      int y = y0 + ph - (int) Math.round(ph * t / 4.0);
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n",
              x0,
              y,
              x0 + pw,
              y));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
              x0 - 4,
              y + 4,
              label(v)));
    }
    for (int t = 0; t <= 4; t++) {
      double v = minX + spanX * t / 4;
      int x = x0 + (int) Math.round(pw * t / 4.0);
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
              x,
              y0 + ph + 14,
              label(v / 60) + " min"));
    }
    for (int l = 0; l < p.lines().size(); l++) {
      StringBuilder pts = new StringBuilder();
      for (double[] pt : p.lines().get(l)) {
        if (Double.isNaN(pt[1]) || pt[1] < 0) {
          continue;
        }
        double x = x0 + pw * (pt[0] - minX) / spanX;
        double y = y0 + ph - ph * pt[1] / maxY;
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      String colour = COLOURS[l % COLOURS.length];
      sb.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"")
          .append(colour)
          .append("\" points=\"")
          .append(pts.toString().trim())
          .append("\"/>\n");
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
              x0 + 8 + 90 * l,
              y0 + ph + 28,
              colour,
              escape(p.legend().get(l))));
    }
  }

  private static double niceCeil(double v) {
    double mag = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * mag >= v) {
        return m * mag;
      }
    }
    return 10 * mag;
  }

  private static String label(double v) {
    return v == Math.rint(v)
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

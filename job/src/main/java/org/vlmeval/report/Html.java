package org.vlmeval.report;

/** HTML escaping: every piece of text the report shows goes through {@link #esc}. */
final class Html {

    private Html() {}

    /**
     * Escapes text for element content and for double- or single-quoted attribute values. Control
     * characters other than tab and line breaks are dropped: they are not allowed in HTML.
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                        continue;
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}

package org.vlmeval.bench;

import java.util.LinkedHashMap;
import java.util.Map;

public final class RatioBench {

    private RatioBench() {}

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            o.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        return o;
    }
}

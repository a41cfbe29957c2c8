package org.vlmeval.endpoints.config;

import org.vlmeval.options.YamlName;

/** A model family whose servers have quirks the client must respect. */
public enum ModelFamily implements YamlName {
    /**
     * Llama 3.2 Vision: one image per message, the image before the text, and no system message
     * together with an image (vLLM: "Prompting with images is incompatible with system messages").
     */
    LLAMA_3_2_VISION("llama-3.2-vision", "llama-vision", true, false),
    /** Qwen2-VL: its model card puts the image before the question. */
    QWEN2_VL("qwen2-vl", "qwen-vl", true, true),
    /** Qwen2.5-VL: same prompt layout as Qwen2-VL. */
    QWEN2_5_VL("qwen2.5-vl", "qwen-vl", true, true),
    /** Anything else: text then image, as in the OpenAI documentation. */
    GENERIC("generic", null, false, true);

    private final String yamlName;
    private final String lineage;
    private final boolean imageBeforeText;
    private final boolean systemPromptWithImage;

    ModelFamily(
            String yamlName,
            String lineage,
            boolean imageBeforeText,
            boolean systemPromptWithImage) {
        this.yamlName = yamlName;
        this.lineage = lineage;
        this.imageBeforeText = imageBeforeText;
        this.systemPromptWithImage = systemPromptWithImage;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }

    public boolean imageBeforeText() {
        return imageBeforeText;
    }

    /** Whether the server accepts a system message in a request that carries an image. */
    public boolean acceptsSystemPromptWithImage() {
        return systemPromptWithImage;
    }

    /**
     * Whether two endpoints' models come from one line of models (Qwen2-VL and Qwen2.5-VL do), so
     * that one judging the other risks self-preference. {@link #GENERIC} says nothing about a
     * model's origin and shares a family with nothing.
     */
    public boolean sameFamilyAs(ModelFamily other) {
        return lineage != null && other != null && lineage.equals(other.lineage);
    }
}

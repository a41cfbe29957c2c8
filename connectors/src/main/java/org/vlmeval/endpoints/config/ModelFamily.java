package org.vlmeval.endpoints.config;

import org.vlmeval.options.YamlName;

/** A model family whose servers have quirks the client must respect. */
public enum ModelFamily implements YamlName {
    /**
     * Llama 3.2 Vision: one image per message, the image before the text, and no system message
     * together with an image (vLLM: "Prompting with images is incompatible with system messages").
     */
    LLAMA_3_2_VISION("llama-3.2-vision", true, false),
    /** Qwen2-VL: its model card puts the image before the question. */
    QWEN2_VL("qwen2-vl", true, true),
    /** Qwen2.5-VL: same prompt layout as Qwen2-VL. */
    QWEN2_5_VL("qwen2.5-vl", true, true),
    /** Anything else: text then image, as in the OpenAI documentation. */
    GENERIC("generic", false, true);

    private final String yamlName;
    private final boolean imageBeforeText;
    private final boolean systemPromptWithImage;

    ModelFamily(String yamlName, boolean imageBeforeText, boolean systemPromptWithImage) {
        this.yamlName = yamlName;
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
}

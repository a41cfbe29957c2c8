package org.vlmeval.endpoints.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI-compatible chat completions (vLLM, SGLang, Together, DashScope compatible mode): content
 * is a list of {@code text} and {@code image_url} parts; images are http URLs or data: URLs.
 */
final class OpenAiWire implements WireFormat {

    @Override
    public JsonBody requestBody(ChatPrompt prompt) {
        PromptImage image = prompt.image();
        ImageSlot slot = image != null && image.loaded() != null ? new ImageSlot() : null;
        ObjectNode body = Json.object();
        body.put("model", prompt.model());
        ArrayNode messages = body.putArray("messages");
        if (prompt.systemPrompt() != null) {
            messages.addObject().put("role", "system").put("content", prompt.systemPrompt());
        }
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode content = user.putArray("content");
        if (prompt.image() != null && prompt.imageBeforeText()) {
            addImage(content, image, slot);
        }
        content.addObject().put("type", "text").put("text", prompt.text());
        if (prompt.image() != null && !prompt.imageBeforeText()) {
            addImage(content, image, slot);
        }
        body.put("temperature", prompt.temperature());
        body.put("max_tokens", prompt.maxTokens());
        body.put("stream", false);
        return slot == null
                ? new JsonBody(Json.bytes(body))
                : slot.body(body, image.loaded().dataUrlPrefix(), image.loaded());
    }

    /** An http URL as it is; inline bytes as a data: URL, streamed into the body at the slot. */
    private static void addImage(ArrayNode content, PromptImage image, ImageSlot slot) {
        ObjectNode url = content.addObject().put("type", "image_url").putObject("image_url");
        if (slot == null) {
            url.put("url", image.httpUrl());
        } else {
            url.putPOJO("url", slot);
        }
    }

    @Override
    public WireReply parseReply(byte[] body) throws BadResponseException {
        JsonNode root = Json.parseObject(body);
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new BadResponseException("response has no choices: " + Json.snippet(body));
        }
        JsonNode choice = choices.get(0);
        String finishReason = Json.textOrNull(choice, "finish_reason");
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw new BadResponseException("choices[0] has no message: " + Json.snippet(body));
        }
        String text = contentText(message.path("content"), finishReason, body);
        JsonNode usage = root.path("usage");
        return new WireReply(
                text,
                finishReason,
                Json.count(usage, "prompt_tokens"),
                Json.count(usage, "completion_tokens"));
    }

    /** Content is a string or a list of parts; a filtered answer may have none at all. */
    private static String contentText(JsonNode content, String finishReason, byte[] body)
            throws BadResponseException {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    text.append(part.asText());
                } else if (part.path("text").isTextual()) {
                    text.append(part.path("text").asText());
                }
            }
            return text.toString();
        }
        if ((content.isMissingNode() || content.isNull())
                && "content_filter".equals(finishReason)) {
            return "";
        }
        throw new BadResponseException(
                "choices[0].message.content is neither text nor parts: " + Json.snippet(body));
    }
}

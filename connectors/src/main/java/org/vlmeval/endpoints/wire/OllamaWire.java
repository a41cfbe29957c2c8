package org.vlmeval.endpoints.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Ollama's native {@code /api/chat}, non-streaming: images are a list of raw base64 strings (no
 * data: prefix) on the message, sampling settings go under {@code options}.
 */
final class OllamaWire implements WireFormat {

    @Override
    public JsonBody requestBody(ChatPrompt prompt) {
        if (prompt.image() != null && prompt.image().loaded() == null) {
            throw new IllegalArgumentException("Ollama takes inline images only");
        }
        ObjectNode body = Json.object();
        body.put("model", prompt.model());
        ArrayNode messages = body.putArray("messages");
        if (prompt.systemPrompt() != null) {
            messages.addObject().put("role", "system").put("content", prompt.systemPrompt());
        }
        ObjectNode user = messages.addObject().put("role", "user").put("content", prompt.text());
        ImageSlot slot = prompt.image() != null ? new ImageSlot() : null;
        if (slot != null) {
            // Raw base64, streamed into the body at the slot.
            user.putArray("images").addPOJO(slot);
        }
        body.put("stream", false);
        ObjectNode options = body.putObject("options");
        options.put("temperature", prompt.temperature());
        options.put("num_predict", prompt.maxTokens());
        return slot == null
                ? new JsonBody(Json.bytes(body))
                : slot.body(body, "", prompt.image().loaded());
    }

    @Override
    public WireReply parseReply(byte[] body) throws BadResponseException {
        JsonNode root = Json.parseObject(body);
        JsonNode content = root.path("message").path("content");
        if (!content.isTextual()) {
            throw new BadResponseException(
                    "response has no message.content: " + Json.snippet(body));
        }
        return new WireReply(
                content.asText(),
                Json.textOrNull(root, "done_reason"),
                Json.count(root, "prompt_eval_count"),
                Json.count(root, "eval_count"));
    }
}

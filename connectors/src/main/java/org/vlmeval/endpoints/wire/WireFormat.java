package org.vlmeval.endpoints.wire;

import org.vlmeval.endpoints.config.Protocol;

/** A server dialect: how a prompt becomes a JSON body and a JSON body becomes a reply. */
public interface WireFormat {

    JsonBody requestBody(ChatPrompt prompt);

    WireReply parseReply(byte[] body) throws BadResponseException;

    static WireFormat of(Protocol protocol) {
        return switch (protocol) {
            case OPENAI -> new OpenAiWire();
            case OLLAMA -> new OllamaWire();
            case RECORDED ->
                    throw new IllegalArgumentException("a recorded endpoint sends nothing");
        };
    }
}

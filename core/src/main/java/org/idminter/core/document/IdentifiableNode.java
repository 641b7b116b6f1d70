package org.idminter.core.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.idminter.core.SourceIdentifier;

/** An object in a document that carries a {@code sourceIdentifier}: it gets a canonical ID. */
public record IdentifiableNode(
    ObjectNode node, String path, SourceIdentifier key, Optional<SourceIdentifier> predecessor) {}

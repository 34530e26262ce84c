package org.lastmile.modularityfixture.alpha.internal;

/** Test fixture: a module's internal type. */
public class Hidden {
}

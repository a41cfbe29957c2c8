/**
 * Regression alerts: a model's rate in the latest window tested against its own trailing baseline,
 * with confirmation and hysteresis, so that one shift gives one alert and its resolution. Plain
 * Java: the Flink operator ({@code pipeline.DetectShifts}) only feeds windows in.
 */
package org.vlmeval.alerts;

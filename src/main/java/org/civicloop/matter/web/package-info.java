/** The matter API: intake and staff reads ({@code /api/matters}), public progress and evaluation, the catalogue, API errors. */
package org.civicloop.matter.web;

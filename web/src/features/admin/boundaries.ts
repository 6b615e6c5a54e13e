/**
 * The boundary date the map draws (the 14 wards of Ninh Bình city as in 2017), shared with the scope
 * picker so that an administrator can choose among the same wards the map shows.
 */
export const MAP_BOUNDARY_DATE = '2017-12-31';

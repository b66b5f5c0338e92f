/** How many rows a list page shows: the people list is read on a computer, a screenful at a time. */
export const peoplePageSize = 50;
